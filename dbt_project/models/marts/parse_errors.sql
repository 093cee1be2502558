-- Parse errors of the latest capture of each URL, whatever its HTTP status: what the last fetch could not read.
with

errors as (

    select * from {{ ref('stg_raw__parse_errors') }}

),

captures as (

    select * from {{ ref('stg_raw__captures') }}

),

ranked_captures as (

    select
        capture_id,
        site,
        parser,
        captured_at,
        row_number() over (
            partition by source_url
            order by captured_at desc nulls last, capture_id desc
        ) as recency_rank
    from captures

),

final as (

    select
        errors.source_url,
        coalesce(errors.site, ranked_captures.site) as site,
        coalesce(errors.parser, ranked_captures.parser) as parser,
        errors.error_kind,
        errors.message,
        errors.capture_id,
        ranked_captures.captured_at
    from errors
    inner join ranked_captures
        on errors.capture_id = ranked_captures.capture_id
    where ranked_captures.recency_rank = 1

)

select * from final
