-- One row per trade observation of every capture (vintages kept); is_latest picks, for each reporter,
-- partner, flow and period, the most recently published figure (then the latest capture).
with

observations as (

    select * from {{ ref('int_trade_observations') }}

),

ranked as (

    select
        *,
        row_number() over (
            partition by reporter_iso3, partner_iso3, flow, period_start, period_end
            order by published_at desc nulls last, captured_at desc nulls last, observation_id asc
        ) as recency_rank
    from observations

),

final as (

    select
        observation_id,
        reporter_iso3,
        partner_iso3,
        flow,
        period_start,
        period_end,
        period_type,
        value_usd,
        qualifier,
        source_url,
        published_at,
        captured_at,
        evidence,
        evidence_kind,
        recency_rank = 1 as is_latest
    from ranked

)

select * from final
