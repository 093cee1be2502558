with

source as (

    select * from {{ source('raw', 'legal_act_articles') }}

),

renamed as (

    select
        cast(capture_id as varchar) as capture_id,
        cast(source_url as varchar) as source_url,
        cast(position as integer) as position,
        cast(block_id as varchar) as block_id,
        cast(level as varchar) as level,
        cast(number as varchar) as number,
        cast(heading as varchar) as heading,
        cast(text as varchar) as article_text,
        cast(is_editorial as boolean) as is_editorial
    from source

)

select * from renamed
