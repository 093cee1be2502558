-- Announced trade targets against the latest comparable actuals: the latest full year and, separately,
-- the latest year-to-date total of each reporter (never summed or mixed). A view, so it reads
-- fct_trade_flows as it is after the quarantine step.
{{ config(materialized='view') }}

with

targets as (

    select * from {{ ref('int_trade_targets') }}

),

flows as (

    select * from {{ ref('fct_trade_flows') }}

),

countries as (

    select * from {{ ref('dim_countries') }}

),

totals as (

    -- Turnover between countries of the catalog, as each reporter states it (latest vintage only).
    select
        flows.*,
        case flows.period_type when 'year' then 'full_year' else 'ytd' end as basis
    from flows
    inner join countries as reporters
        on flows.reporter_iso3 = reporters.iso3
    inner join countries as partners
        on flows.partner_iso3 = partners.iso3
    where
        flows.is_latest
        and flows.flow = 'total'
        and flows.period_type in ('year', 'ytd')

),

latest_actuals as (

    select *
    from totals
    qualify row_number() over (
        partition by reporter_iso3, partner_iso3, basis
        order by period_end desc, period_start asc, published_at desc nulls last
    ) = 1

),

final as (

    select
        {{ hash_key(['targets.target_id', 'latest_actuals.observation_id']) }} as target_progress_id,
        targets.target_id,
        targets.value_usd as target_usd,
        targets.qualifier as target_qualifier,
        targets.horizon_text,
        targets.horizon_end,
        targets.announced_by,
        targets.announced_on,
        targets.source_url as target_source_url,
        targets.evidence as target_evidence,
        latest_actuals.basis,
        latest_actuals.reporter_iso3,
        latest_actuals.partner_iso3,
        latest_actuals.period_start,
        latest_actuals.period_end,
        latest_actuals.period_type,
        latest_actuals.value_usd as actual_usd,
        latest_actuals.qualifier as actual_qualifier,
        latest_actuals.observation_id as actual_observation_id,
        latest_actuals.source_url as actual_source_url,
        latest_actuals.published_at as actual_published_at,
        latest_actuals.captured_at as actual_captured_at,
        latest_actuals.value_usd / targets.value_usd * 100 as share_reached_pct
    from targets
    cross join latest_actuals

)

select * from final
