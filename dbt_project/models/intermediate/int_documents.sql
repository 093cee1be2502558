-- Every parsed page with its capture's provenance, flagged when it is the URL's current vintage
-- (int_captures__status). Documents the content rules rejected are in parse_errors instead.
with

documents as (

    select * from {{ ref('stg_raw__documents') }}

),

captures as (

    select * from {{ ref('stg_raw__captures') }}

),

statuses as (

    select * from {{ ref('int_captures__status') }}

),

final as (

    select
        documents.capture_id,
        documents.source_url,
        coalesce(documents.site, captures.site) as site,
        documents.title,
        documents.published_at,
        documents.language,
        documents.author,
        documents.page_kind,
        documents.layout,
        captures.captured_at,
        captures.content_sha256,
        captures.is_reconstruction,
        coalesce(statuses.is_current, false) as is_latest_capture
    from documents
    left join captures
        on documents.capture_id = captures.capture_id
    left join statuses
        on documents.capture_id = statuses.capture_id
    where documents.rejected_reason is null

)

select * from final
