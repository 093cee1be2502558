-- Countries of the catalog.
with

countries as (

    select * from {{ ref('stg_raw__countries') }}

),

final as (

    select
        iso3,
        iso_numeric,
        name_en,
        name_ru,
        name_uz,
        name_kk
    from countries

)

select * from final
