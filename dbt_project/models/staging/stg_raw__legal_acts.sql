with

source as (

    select * from {{ source('raw', 'legal_acts') }}

),

renamed as (

    select
        cast(capture_id as varchar) as capture_id,
        cast(source_url as varchar) as source_url,
        {{ blank_as_null('cast(site as varchar)') }} as site,
        -- a site without a country (e-cis.info, news.un.org) names no register: 'unknown', which the
        -- fct_legal_acts suite quarantines ("jurisdiction_iso3 not in dim_countries")
        coalesce(cast(jurisdiction_iso3 as varchar), 'unknown') as jurisdiction_iso3,
        {{ blank_as_null('cast(title as varchar)') }} as title,
        cast(act_type as varchar) as act_type,
        {{ blank_as_null('cast(act_form_raw as varchar)') }} as act_form_raw,
        {{ blank_as_null('cast(act_number as varchar)') }} as act_number,
        cast(adopted_on as date) as adopted_on,
        {{ blank_as_null('cast(signed_place as varchar)') }} as signed_place,
        {{ blank_as_null('cast(issuing_body as varchar)') }} as issuing_body,
        cast(status as varchar) as status,
        {{ blank_as_null('cast(status_raw as varchar)') }} as status_raw,
        {{ blank_as_null('cast(language as varchar)') }} as language,
        cast(is_partial as boolean) as is_partial,
        cast(in_force_from as date) as in_force_from,
        cast(lost_force_on as date) as lost_force_on
    from source

),

checked as (

    select
        *,
        {{ rejected_reason(
            required=['act_type', 'status', 'is_partial'],
            ranges={'adopted_on': date_range(), 'in_force_from': date_range(), 'lost_force_on': date_range()},
            accepted={
                'act_type': [
                    'treaty', 'agreement', 'declaration', 'law', 'code', 'decree', 'resolution', 'protocol', 'other'
                ],
                'status': ['in_force', 'lost_force', 'not_in_force', 'unknown'],
            },
        ) }} as rejected_reason
    from renamed

)

select * from checked
