-- What could not be read, per capture that still matters: the current vintage of each URL (its warnings),
-- every refetch after it that did not take over (a parse error, a rejected document, another kind of
-- page), and the latest attempt at a URL never read. Three sources: the parsers' own errors and
-- warnings; documents the content rules rejected (macros/content_rules.sql); rows of the current vintage
-- the content rules rejected. An error means the capture gave no document; a warning comes with one.
-- Incremental per URL (macros/refresh_scope.sql): a refresh rewrites the rows of URLs that gained a capture.
{{ config(
    materialized='incremental',
    incremental_strategy='append',
    on_schema_change='fail',
    pre_hook="{{ delete_changed_urls() }}",
) }}
with

errors as (

    select * from {{ ref('stg_raw__parse_errors') }}
    {{- where_changed_url() }}

),

statuses as (

    select * from {{ ref('int_captures__status') }}
    where is_reported
    {%- if is_incremental() %} and source_url in {{ changed_urls() }}{% endif %}

),

parser_errors as (

    select
        errors.source_url,
        coalesce(errors.site, statuses.site) as site,
        coalesce(errors.parser, statuses.parser) as parser,
        errors.error_kind,
        errors.message,
        errors.capture_id,
        statuses.captured_at,
        case when statuses.is_parsed then 'warning' else 'error' end as severity
    from errors
    inner join statuses
        on errors.capture_id = statuses.capture_id

),

rejected_documents as (

    select
        source_url,
        site,
        parser,
        'rejected_document' as error_kind,
        site || ': the page''s document was not used: ' || document_rejected_reason as message,
        capture_id,
        captured_at,
        'error' as severity
    from statuses
    where document_rejected_reason is not null

),

rejected_rows as (

    {%- set tables = [
        ('stg_raw__trade_observations', 'evidence'),
        ('stg_raw__indicator_observations', 'evidence'),
        ('stg_raw__legal_acts', 'title'),
        ('stg_raw__legal_act_articles', 'heading'),
        ('stg_raw__legal_act_relations', 'evidence'),
        ('stg_raw__events', 'evidence'),
        ('stg_raw__trade_targets', 'evidence'),
        ('stg_raw__table_cells', 'cell_text'),
    ] %}
    {%- for table, evidence in tables %}
    select
        statuses.source_url,
        statuses.site,
        statuses.parser,
        'rejected_row' as error_kind,
        '{{ table.replace("stg_raw__", "") }} row not used: ' || staged.rejected_reason
        || coalesce(' (' || left(staged.{{ evidence }}, 160) || ')', '') as message,
        statuses.capture_id,
        statuses.captured_at,
        'warning' as severity
    from {{ ref(table) }} as staged
    inner join statuses
        on staged.capture_id = statuses.capture_id
    where staged.rejected_reason is not null and statuses.is_current
    {% if not loop.last %}union all{% endif %}
    {%- endfor %}

),

final as (

    select * from parser_errors
    union all
    select * from rejected_documents
    union all
    select * from rejected_rows

)

select * from final
