-- One row per trade observation of every capture (vintages kept); is_latest picks, for each reporter,
-- partner, flow, period and source kind, the most recently published figure (then the latest capture), so the
-- news and the official statistics (source_kind) each keep their own current figure.
with

observations as (

    select * from {{ ref('int_trade_observations') }}

),

ranked as (

    select
        *,
        row_number() over (
            partition by reporter_iso3, partner_iso3, flow, period_start, period_end, source_kind
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
        recency_rank = 1 as is_latest,
        source_kind
    from ranked

)

select * from final
