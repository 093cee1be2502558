with

source as (

    select * from {{ source('raw', 'unresolved_mentions') }}

),

renamed as (

    select
        cast(capture_id as varchar) as capture_id,
        cast(source_url as varchar) as source_url,
        {{ blank_as_null('cast(measure as varchar)') }} as measure,
        cast(value as double) as value,
        {{ blank_as_null('cast(unit as varchar)') }} as unit,
        {{ blank_as_null('cast(reason as varchar)') }} as reason,
        {{ blank_as_null('cast(evidence as varchar)') }} as evidence
    from source

)

select * from renamed
