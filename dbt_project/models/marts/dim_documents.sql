-- One row per parsed capture (every vintage of every page); is_latest_capture marks the current one.
with

documents as (

    select * from {{ ref('int_documents') }}

),

final as (

    select
        capture_id as document_id,
        source_url,
        site,
        title,
        published_at,
        language,
        captured_at,
        content_sha256,
        is_reconstruction,
        page_kind,
        layout,
        is_latest_capture
    from documents

)

select * from final
