-- Every capture with what its parse gave and whether it is its URL's current vintage: the latest capture
-- of the best tier the URL reached. Tiers: 3 a content page read by the site's own selectors, 2 a login
-- wall's partial page read by them (part of the same document), 1 any other kind of page (a listing where
-- a page used to be) or a page only the main-text fallback could read (what a redesign, a maintenance
-- notice or a cookie wall looks like to the selectors), 0 no usable document (a parse error, or a document
-- the content rules rejected), -1 an HTTP error.
-- So a newer capture that does not parse, or parses into a lesser kind, never hides an older one; once a
-- later capture reaches the tier again it takes over. Per URL only: recomputable for URLs with new captures.
-- Incremental: a refresh recomputes the URLs that gained a capture only (macros/refresh_scope.sql).
{{ config(
    materialized='incremental',
    incremental_strategy='append',
    on_schema_change='fail',
    pre_hook="{{ delete_changed_urls() }}",
) }}
with

captures as (

    select * from {{ ref('stg_raw__captures') }}
    {{- where_changed_url() }}

),

documents as (

    select
        *,
        page_kind in ({{ sql_list(content_page_kinds()) }}) as is_content_kind,
        coalesce(starts_with(layout, 'fallback'), false) as is_fallback
    from {{ ref('stg_raw__documents') }}
    {{- where_changed_url() }}

),

tiered as (

    select
        captures.*,
        documents.page_kind,
        documents.layout,
        documents.rejected_reason as document_rejected_reason,
        documents.capture_id is not null and documents.rejected_reason is null as is_parsed,
        case
            when captures.http_status >= 400 then -1
            when documents.capture_id is null or documents.rejected_reason is not null then 0
            when documents.is_fallback then 1
            when documents.is_content_kind then 3
            when documents.page_kind = 'partial' then 2
            else 1
        end as vintage_tier
    from captures
    left join documents
        on captures.capture_id = documents.capture_id

),

ranked as (

    select
        *,
        max(vintage_tier) over (partition by source_url) as url_tier,
        count(*) filter (where vintage_tier >= 0) over (partition by source_url) as n_usable_captures,
        row_number() over (
            partition by source_url
            order by vintage_tier desc, captured_at desc nulls last, capture_id desc
        ) as vintage_rank,
        row_number() over (
            partition by source_url
            order by captured_at desc nulls last, capture_id desc
        ) as attempt_rank
    from tiered

),

current_vintage as (

    select
        source_url,
        captured_at as current_captured_at
    from ranked
    where vintage_rank = 1 and vintage_tier >= 0

),

final as (

    select
        ranked.capture_id,
        ranked.source_url,
        ranked.site,
        ranked.captured_at,
        ranked.http_status,
        ranked.content_sha256,
        ranked.is_reconstruction,
        ranked.parser,
        ranked.parser_version,
        ranked.page_kind,
        ranked.layout,
        ranked.is_parsed,
        ranked.document_rejected_reason,
        ranked.vintage_tier,
        ranked.n_usable_captures,
        ranked.vintage_rank = 1 and ranked.vintage_tier >= 0 as is_current,
        -- a vintage of the URL's kind: its facts are kept (not latest) when a newer one of the kind replaces it
        ranked.is_parsed and ranked.vintage_tier = ranked.url_tier as is_vintage_of_kind,
        -- fetched after the current vintage but not taking over: a parse error or another kind of page
        coalesce(
            ranked.vintage_rank > 1 and ranked.captured_at > current_vintage.current_captured_at, false
        ) as is_failed_refetch,
        -- what parse_errors reports: the current vintage, the failed refetches after it, and the latest
        -- attempt of a URL that has no usable capture at all
        ranked.vintage_rank = 1 and ranked.vintage_tier >= 0
        or coalesce(ranked.captured_at > current_vintage.current_captured_at, false)
        or (current_vintage.source_url is null and ranked.attempt_rank = 1) as is_reported
    from ranked
    left join current_vintage
        on ranked.source_url = current_vintage.source_url

)

select * from final
