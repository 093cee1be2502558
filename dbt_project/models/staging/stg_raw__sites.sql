with

source as (

    select * from {{ source('raw', 'sites') }}

),

renamed as (

    select
        cast(site as varchar) as site,
        cast(country_iso3 as varchar) as country_iso3,
        cast(kind as varchar) as site_kind,
        cast(parser as varchar) as parser,
        cast(hosts as varchar) as hosts
    from source

)

select * from renamed
