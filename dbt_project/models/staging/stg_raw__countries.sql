with

source as (

    select * from {{ source('raw', 'countries') }}

),

renamed as (

    select
        cast(iso3 as varchar) as iso3,
        cast(iso_numeric as integer) as iso_numeric,
        cast(name_en as varchar) as name_en,
        cast(name_ru as varchar) as name_ru,
        cast(name_uz as varchar) as name_uz,
        cast(name_kk as varchar) as name_kk
    from source

)

select * from renamed
