with

source as (

    select * from {{ source('raw', 'indicator_observations') }}

),

renamed as (

    select
        cast(capture_id as varchar) as capture_id,
        cast(source_url as varchar) as source_url,
        cast(indicator as varchar) as indicator,
        cast(country_iso3 as varchar) as country_iso3,
        cast(partner_iso3 as varchar) as partner_iso3,
        cast(value as double) as value,
        cast(unit as varchar) as unit,
        cast(period_start as date) as period_start,
        cast(period_end as date) as period_end,
        cast(as_of as date) as as_of,
        cast(qualifier as varchar) as qualifier,
        cast(evidence as varchar) as evidence
    from source

)

select * from renamed
