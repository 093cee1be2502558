-- The current vintage of each URL (int_captures__status): its latest capture that parsed into the best
-- kind of page the URL has had; a URL that never parsed takes its latest capture without an HTTP error.
with

statuses as (

    select * from {{ ref('int_captures__status') }}

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
        page_kind,
        is_parsed,
        vintage_tier,
        n_usable_captures
    from statuses
    where is_current

)

select * from final
