-- One row per parsed capture (every vintage of every page); is_latest_capture marks the current one.
-- Incremental per URL (macros/refresh_scope.sql): a refresh rewrites the rows of URLs that gained a capture.
{{ config(
    materialized='incremental',
    incremental_strategy='append',
    on_schema_change='fail',
    pre_hook="{{ delete_changed_urls() }}",
) }}
with

documents as (

    select * from {{ ref('int_documents') }}
    {{- where_changed_url() }}

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
