with

source as (

    select * from {{ source('raw', 'legal_act_articles') }}

),

renamed as (

    select
        cast(capture_id as varchar) as capture_id,
        cast(source_url as varchar) as source_url,
        cast(position as integer) as position,
        {{ blank_as_null('cast(block_id as varchar)') }} as block_id,
        {{ blank_as_null('cast(level as varchar)') }} as level,
        {{ blank_as_null('cast(number as varchar)') }} as number,
        {{ blank_as_null('cast(heading as varchar)') }} as heading,
        {{ blank_as_null('cast(text as varchar)') }} as article_text,
        cast(is_editorial as boolean) as is_editorial
    from source

),

checked as (

    select
        *,
        {{ rejected_reason(
            required=['position'],
            ranges={'position': [0, none]},
        ) }} as rejected_reason
    from renamed

)

select * from checked
