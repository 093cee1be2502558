-- Sites of the catalog.
with

sites as (

    select * from {{ ref('stg_raw__sites') }}

),

final as (

    select
        site,
        country_iso3,
        site_kind as kind,
        parser,
        hosts
    from sites

)

select * from final
