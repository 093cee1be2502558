-- Every parsed page with its capture's provenance, flagged when it is the URL's current vintage.
with

documents as (

    select * from {{ ref('stg_raw__documents') }}

),

captures as (

    select * from {{ ref('stg_raw__captures') }}

),

latest_captures as (

    select * from {{ ref('int_captures__latest') }}

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
        latest_captures.capture_id is not null as is_latest_capture
    from documents
    left join captures
        on documents.capture_id = captures.capture_id
    left join latest_captures
        on documents.capture_id = latest_captures.capture_id

)

select * from final
