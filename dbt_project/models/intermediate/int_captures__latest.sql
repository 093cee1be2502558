-- The latest usable capture of each URL: the current vintage that latest-only marts read.
-- A response with an HTTP error status is not a new version of the page, so it never supersedes one.
with

captures as (

    select * from {{ ref('stg_raw__captures') }}

),

usable as (

    select
        *,
        count(*) over (partition by source_url) as n_usable_captures
    from captures
    where http_status is null or http_status < 400

),

ranked as (

    select
        *,
        row_number() over (
            partition by source_url
            order by captured_at desc nulls last, capture_id desc
        ) as recency_rank
    from usable

),

final as (

    select
        source_url,
        capture_id,
        site,
        captured_at,
        http_status,
        content_sha256,
        is_reconstruction,
        parser,
        parser_version,
        n_usable_captures
    from ranked
    where recency_rank = 1

)

select * from final
