with

source as (

    select * from {{ source('raw', 'catalog_sources') }}

),

renamed as (

    select
        cast(ref as integer) as source_ref,
        cast(url as varchar) as source_url,
        cast(site as varchar) as site,
        cast(kind as varchar) as page_kind,
        cast(language as varchar) as language
    from source

)

select * from renamed
