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
        {{ blank_as_null('cast(layout as varchar)') }} as layout,
        cast(title as varchar) as title,
        cast(published_at as timestamptz) as published_at,
        {{ blank_as_null('cast(language as varchar)') }} as language,
        {{ blank_as_null('cast(author as varchar)') }} as author,
        {{ blank_as_null('cast(lead as varchar)') }} as lead,
        cast(body_text as varchar) as body_text
    from source

),

checked as (

    select
        *,
        {{ rejected_reason(
            required=['site', 'page_kind', 'title', 'body_text'],
            ranges={'published_at': ["timestamptz '1990-01-01 00:00:00+00'", "timestamptz '2100-12-31 00:00:00+00'"]},
            accepted={'page_kind': content_page_kinds() + other_page_kinds()},
        ) }} as rejected_reason
    from renamed

)

select * from checked
