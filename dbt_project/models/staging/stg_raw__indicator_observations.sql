with

source as (

    select * from {{ source('raw', 'indicator_observations') }}

),

renamed as (

    select
        cast(capture_id as varchar) as capture_id,
        cast(source_url as varchar) as source_url,
        cast(indicator as varchar) as indicator,
        {{ blank_as_null('cast(country_iso3 as varchar)') }} as country_iso3,
        {{ blank_as_null('cast(partner_iso3 as varchar)') }} as partner_iso3,
        cast(value as double) as value,
        {{ blank_as_null('cast(unit as varchar)') }} as unit,
        cast(period_start as date) as period_start,
        cast(period_end as date) as period_end,
        cast(as_of as date) as as_of,
        {{ blank_as_null('cast(qualifier as varchar)') }} as qualifier,
        {{ blank_as_null('cast(evidence as varchar)') }} as evidence
    from source

),

checked as (

    select
        *,
        {{ rejected_reason(
            required=['indicator', 'value'],
            ranges={'period_start': date_range(), 'period_end': date_range(), 'as_of': date_range()},
            accepted={'qualifier': ['=', '>', '<', '~']},
            ordered=[['period_start', 'period_end']],
        ) }} as rejected_reason
    from renamed

)

select * from checked
