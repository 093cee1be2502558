with

source as (

    select * from {{ source('raw', 'events') }}

),

renamed as (

    select
        cast(capture_id as varchar) as capture_id,
        cast(source_url as varchar) as source_url,
        cast(event_type as varchar) as event_type,
        cast(start_date as date) as start_date,
        cast(end_date as date) as end_date,
        cast(place as varchar) as place,
        cast(actors as varchar) as actors,
        cast(evidence as varchar) as evidence
    from source

)

select * from renamed
