-- Events of every site, from the latest usable capture of each URL, merged across pages: the same visit
-- reported by several pages (same type, dates and place) is one event that keeps every source URL.
with

events as (

    select * exclude (rejected_reason) from {{ ref('stg_raw__events') }}
    where rejected_reason is null  -- the others are in parse_errors

),

latest_captures as (

    select * from {{ ref('int_captures__latest') }}

),

keyed as (

    select
        events.*,
        {{ hash_key([
            'events.event_type', 'events.start_date', 'events.end_date', 'lower(trim(events.place))'
        ]) }} as event_id
    from events
    inner join latest_captures
        on events.capture_id = latest_captures.capture_id

),

ranked as (

    -- The report that names the participants most fully speaks for the event; ties by URL.
    select
        *,
        row_number() over (
            partition by event_id
            order by length(actors) desc nulls last, source_url asc, evidence asc
        ) as report_rank
    from keyed

),

sources as (

    select
        event_id,
        list(distinct source_url order by source_url) as source_urls,
        count(*) as n_reports
    from keyed
    group by event_id

),

final as (

    select
        ranked.event_id,
        ranked.event_type,
        ranked.start_date,
        ranked.end_date,
        ranked.place,
        ranked.actors,
        ranked.source_url,
        ranked.evidence,
        sources.source_urls,
        len(sources.source_urls) as n_sources,
        sources.n_reports
    from ranked
    inner join sources
        on ranked.event_id = sources.event_id
    where ranked.report_rank = 1

)

select * from final
