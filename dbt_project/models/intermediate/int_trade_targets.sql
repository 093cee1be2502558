-- Announced trade targets from the current vintage of each URL (int_captures__latest).
with

targets as (

    select * exclude (rejected_reason) from {{ ref('stg_raw__trade_targets') }}
    where rejected_reason is null  -- the others are in parse_errors

),

latest_captures as (

    select * from {{ ref('int_captures__latest') }}

),

keyed as (

    select
        targets.*,
        latest_captures.captured_at,
        {{ hash_key([
            'targets.source_url', 'targets.value_usd', 'targets.horizon_text', 'targets.announced_on',
            'targets.evidence'
        ]) }} as base_id
    from targets
    inner join latest_captures
        on targets.capture_id = latest_captures.capture_id

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
        end as target_id,
        capture_id,
        source_url,
        value_usd,
        qualifier,
        horizon_text,
        horizon_end,
        announced_by,
        announced_on,
        evidence,
        captured_at
    from numbered

)

select * from final
