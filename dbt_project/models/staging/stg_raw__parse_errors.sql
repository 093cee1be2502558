with

source as (

    select * from {{ source('raw', 'parse_errors') }}

),

renamed as (

    select
        cast(capture_id as varchar) as capture_id,
        cast(source_url as varchar) as source_url,
        cast(site as varchar) as site,
        cast(parser as varchar) as parser,
        cast(error_kind as varchar) as error_kind,
        cast(message as varchar) as message
    from source

)

select * from renamed
