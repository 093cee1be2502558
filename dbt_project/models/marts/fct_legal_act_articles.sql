-- The text blocks of each act in fct_legal_acts, from the same (latest) capture, in order.
with

articles as (

    select * exclude (rejected_reason) from {{ ref('stg_raw__legal_act_articles') }}
    where rejected_reason is null  -- the others are in parse_errors

),

legal_acts as (

    select * from {{ ref('int_legal_acts') }}

),

final as (

    select
        legal_acts.act_key,
        articles.position,
        articles.block_id,
        articles.level,
        articles.number,
        articles.heading,
        articles.article_text as text,
        coalesce(articles.is_editorial, false) as is_editorial
    from articles
    inner join legal_acts
        on
            articles.capture_id = legal_acts.capture_id
            and articles.source_url = legal_acts.source_url

)

select * from final
