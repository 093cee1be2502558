with

source as (

    select * from {{ source('raw', 'captures') }}

),

renamed as (

    select
        cast(capture_id as varchar) as capture_id,
        cast(source_url as varchar) as source_url,
        cast(site as varchar) as site,
        cast(fetched_at as timestamptz) as captured_at,
        cast(http_status as integer) as http_status,
        cast(content_type as varchar) as content_type,
        cast(content_sha256 as varchar) as content_sha256,
        cast(content_length as bigint) as content_length,
        cast(is_reconstruction as boolean) as is_reconstruction,
        cast(parser as varchar) as parser,
        cast(parser_version as varchar) as parser_version
    from source

)

select * from renamed
