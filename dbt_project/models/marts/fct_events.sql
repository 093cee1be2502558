-- Visits, forums, signings and talks, from the latest capture of each URL.
with

events as (

    select * from {{ ref('stg_raw__events') }}

),

latest_captures as (

    select * from {{ ref('int_captures__latest') }}

),

keyed as (

    select
        events.*,
        {{ hash_key([
            'events.capture_id', 'events.event_type', 'events.start_date', 'events.end_date',
            'events.place', 'events.actors', 'events.evidence'
        ]) }} as base_id
    from events
    inner join latest_captures
        on events.capture_id = latest_captures.capture_id

),

numbered as (

    select
        *,
        row_number() over (partition by base_id order by base_id) as occurrence
    from keyed

),

final as (

    select
        case
            when occurrence = 1 then base_id
            else md5(base_id || '#' || cast(occurrence as varchar))
        end as event_id,
        event_type,
        start_date,
        end_date,
        place,
        actors,
        source_url,
        evidence
    from numbered

)

select * from final
