-- Visits, forums, signings and talks: one row per event, merged across the pages that report it.
with

events as (

    select * from {{ ref('int_events') }}

),

final as (

    select
        event_id,
        event_type,
        start_date,
        end_date,
        place,
        actors,
        source_url,
        evidence,
        source_urls,
        n_sources
    from events

)

select * from final
