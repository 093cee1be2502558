-- Other numeric facts of every site (tables and prose alike), from the current vintage of each URL
-- (int_captures__latest); rows the content rules rejected are in parse_errors instead.
with

indicators as (

    select * exclude (rejected_reason) from {{ ref('stg_raw__indicator_observations') }}
    where rejected_reason is null  -- the others are in parse_errors

),

latest_captures as (

    select * from {{ ref('int_captures__latest') }}

),

keyed as (

    select
        indicators.*,
        latest_captures.captured_at,
        {{ hash_key([
            'indicators.capture_id', 'indicators.indicator', 'indicators.country_iso3',
            'indicators.partner_iso3', 'indicators.value', 'indicators.unit', 'indicators.period_start',
            'indicators.period_end', 'indicators.as_of', 'indicators.qualifier', 'indicators.evidence'
        ]) }} as base_id
    from indicators
    inner join latest_captures
        on indicators.capture_id = latest_captures.capture_id

),

numbered as (

    -- Identical facts repeated in one page (e.g. "500 thousand units of each") stay distinct rows.
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
        end as indicator_observation_id,
        capture_id,
        indicator,
        country_iso3,
        partner_iso3,
        value,
        unit,
        period_start,
        period_end,
        as_of,
        qualifier,
        source_url,
        evidence,
        captured_at
    from numbered

)

select * from final
