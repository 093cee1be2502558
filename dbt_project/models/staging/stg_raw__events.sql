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
        {{ blank_as_null('cast(place as varchar)') }} as place,
        {{ blank_as_null('cast(actors as varchar)') }} as actors,
        {{ blank_as_null('cast(evidence as varchar)') }} as evidence
    from source

),

checked as (

    select
        *,
        {{ rejected_reason(
            required=['event_type', 'start_date'],
            ranges={'start_date': date_range(), 'end_date': date_range()},
            ordered=[['start_date', 'end_date']],
        ) }} as rejected_reason
    from renamed

)

select * from checked
