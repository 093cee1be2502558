{#-
    raw.legal_act_relations is newer than the other raw tables: a warehouse loaded before it existed has
    no such table, so the model then reads as an empty relation of the same columns instead of failing.
-#}
{%- set source_relation = source('raw', 'legal_act_relations') -%}
{%- if execute -%}
    {%- set loaded = adapter.get_relation(
        database=source_relation.database,
        schema=source_relation.schema,
        identifier=source_relation.identifier
    ) -%}
{%- else -%}
    {%- set loaded = none -%}
{%- endif -%}

with

source as (

    {% if loaded is not none %}
    select * from {{ source_relation }}
    {% else %}
    select
        null as capture_id,
        null as source_url,
        null as relation,
        null as target_title,
        null as target_number,
        null as target_date_text,
        null as target_date,
        null as evidence,
        null as block_id
    where false
    {% endif %}

),

renamed as (

    select
        cast(capture_id as varchar) as capture_id,
        cast(source_url as varchar) as source_url,
        cast(relation as varchar) as relation,
        {{ blank_as_null('cast(target_title as varchar)') }} as target_title,
        {{ blank_as_null('cast(target_number as varchar)') }} as target_number,
        {{ blank_as_null('cast(target_date_text as varchar)') }} as target_date_text,
        cast(target_date as date) as target_date,
        {{ blank_as_null('cast(evidence as varchar)') }} as evidence,
        {{ blank_as_null('cast(block_id as varchar)') }} as block_id
    from source

),

checked as (

    select
        *,
        {{ rejected_reason(
            required=['relation'],
            ranges={'target_date': date_range()},
            accepted={'relation': ['ratifies', 'amends', 'repeals', 'lost_force_by']},
        ) }} as rejected_reason
    from renamed

)

select * from checked
