-- Mirror statistics: a flow as reported by one side next to the same flow as reported by the other side,
-- whichever sources state them: each side's figure is its official statistics when it has them, else what
-- the news print of that side's statistics. A view, so it always reads fct_trade_flows as it is after the
-- quarantine step removed failing rows.
{{ config(materialized='view') }}

with

flows as (

    select * from {{ ref('fct_trade_flows') }}

),

latest as (

    select
        *,
        case flow
            when 'export' then 'import'
            when 'import' then 'export'
            else flow
        end as mirror_flow
    from flows
    where
        is_latest
        and reporter_iso3 <> 'unknown'
        and partner_iso3 <> 'unknown'
    -- one figure a side: official statistics first, then the news, then legal texts
    qualify row_number() over (
        partition by reporter_iso3, partner_iso3, flow, period_start, period_end
        order by
            case source_kind when 'official_statistics' then 0 when 'news' then 1 else 2 end,
            observation_id
    ) = 1

),

paired as (

    -- Identical periods only: January–October is never set against January–November.
    select
        reporter_side.period_start,
        reporter_side.period_end,
        reporter_side.period_type,
        reporter_side.reporter_iso3,
        reporter_side.flow as reporter_flow,
        reporter_side.value_usd as reporter_value_usd,
        reporter_side.qualifier as reporter_qualifier,
        reporter_side.observation_id as reporter_observation_id,
        reporter_side.source_url as reporter_source_url,
        reporter_side.source_kind as reporter_source_kind,
        partner_side.reporter_iso3 as partner_iso3,
        partner_side.flow as partner_flow,
        partner_side.value_usd as partner_value_usd,
        partner_side.qualifier as partner_qualifier,
        partner_side.observation_id as partner_observation_id,
        partner_side.source_url as partner_source_url,
        partner_side.source_kind as partner_source_kind
    from latest as reporter_side
    inner join latest as partner_side
        on
            reporter_side.partner_iso3 = partner_side.reporter_iso3
            and reporter_side.reporter_iso3 = partner_side.partner_iso3
            and reporter_side.mirror_flow = partner_side.flow
            and reporter_side.period_start = partner_side.period_start
            and reporter_side.period_end = partner_side.period_end
    -- each pair once: the side whose code sorts first is the reporter
    where reporter_side.reporter_iso3 < partner_side.reporter_iso3

),

final as (

    select
        {{ hash_key(['reporter_observation_id', 'partner_observation_id']) }} as mirror_id,
        period_start,
        period_end,
        period_type,
        reporter_iso3,
        reporter_flow,
        reporter_value_usd,
        reporter_qualifier,
        reporter_observation_id,
        reporter_source_url,
        reporter_source_kind,
        partner_iso3,
        partner_flow,
        partner_value_usd,
        partner_qualifier,
        partner_observation_id,
        partner_source_url,
        partner_source_kind,
        reporter_value_usd - partner_value_usd as gap_usd,
        case
            when partner_value_usd > 0 then (reporter_value_usd - partner_value_usd) / partner_value_usd * 100
        end as gap_pct
    from paired

)

select * from final
