-- The text blocks of each act in fct_legal_acts, from the same (latest) capture, in order.
-- Incremental per URL (macros/refresh_scope.sql): a refresh rewrites the blocks of the acts whose page
-- gained a capture. An act's key is its jurisdiction and URL, so the blocks to drop are found by every key
-- a changed URL has had (its jurisdiction may have been read differently before).
{{ config(
    materialized='incremental',
    incremental_strategy='append',
    on_schema_change='fail',
    pre_hook="{{ delete_changed_acts() }}",
) }}
-- depends_on: {{ ref('stg_raw__legal_acts') }} (read by the pre_hook)
with

articles as (

    select * exclude (rejected_reason) from {{ ref('stg_raw__legal_act_articles') }}
    -- the others are in parse_errors
    where rejected_reason is null{% if is_incremental() %} and source_url in {{ changed_urls() }}{% endif %}

),

legal_acts as (

    select * from {{ ref('int_legal_acts') }}
    {{- where_changed_url() }}

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
