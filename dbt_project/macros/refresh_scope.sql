{#-
    Incremental models are rebuilt per URL: a refresh recomputes the rows of the URLs that gained a capture
    (raw.refresh_changes, written by the loader: pipelines/load.py record_refresh_scope) and keeps the rest.
    Every model built this way reads captures URL by URL (the vintage of a URL depends on its own captures
    only), so "delete the changed URLs' rows, insert them again" gives the rows a full build gives.
    The table is read by name, not as a dbt source: it is the loader's note to this build, not data.
    A full build (`dbt build --full-refresh`: kzuz refresh --rebuild, a re-parse, a code change) ignores it.
-#}
{% macro changed_urls() -%}
    (select source_url from raw.refresh_changes)
{%- endmacro %}

{#- Only the changed URLs on an incremental run; every row on a full one. -#}
{% macro where_changed_url(column='source_url') -%}
    {%- if is_incremental() %}
    where {{ column }} in {{ changed_urls() }}
    {%- endif %}
{%- endmacro %}

{#- pre_hook of an incremental model: drop the changed URLs' rows before they are inserted again. -#}
{% macro delete_changed_urls() -%}
    {%- if is_incremental() -%}
    delete from {{ this }} where source_url in {{ changed_urls() }}
    {%- else -%}
    select 1
    {%- endif -%}
{%- endmacro %}

{#- pre_hook of fct_legal_act_articles: drop the blocks of every act key a changed URL has had. -#}
{% macro delete_changed_acts() -%}
    {%- if is_incremental() -%}
    delete from {{ this }} where act_key in (
        select {{ hash_key(['jurisdiction_iso3', 'source_url']) }}
        from {{ ref('stg_raw__legal_acts') }}
        where source_url in {{ changed_urls() }}
    )
    {%- else -%}
    select 1
    {%- endif -%}
{%- endmacro %}
