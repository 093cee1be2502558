with

source as (

    select * from {{ source('raw', 'documents') }}

),

renamed as (

    select
        cast(capture_id as varchar) as capture_id,
        cast(source_url as varchar) as source_url,
        cast(site as varchar) as site,
        cast(page_kind as varchar) as page_kind,
        cast(layout as varchar) as layout,
        cast(title as varchar) as title,
        cast(published_at as timestamptz) as published_at,
        cast(language as varchar) as language,
        cast(author as varchar) as author,
        cast(lead as varchar) as lead,
        cast(body_text as varchar) as body_text
    from source

)

select * from renamed
