-- Each news figure beside the official figure (UN Comtrade) for the same reporter, partner, flow and period,
-- with the gap. News figures: every news row of the current vintage of its page. Official figure: the latest
-- official vintage of exactly that period; failing that, for a news period longer than a month (year to
-- date, quarter, half, year), the sum of the latest official monthly figures, only when every month of the
-- period is there. A news figure with no official counterpart is left out. A view, so it reads
-- fct_trade_flows as it is after the quarantine step.
{{ config(materialized='view') }}

with

flows as (

    select * from {{ ref('fct_trade_flows') }}

),

news_rows as (

    select
        *,
        max(captured_at) over (partition by source_url) as page_latest_captured_at
    from flows
    where
        source_kind = 'news'
        and reporter_iso3 <> 'unknown'
        and partner_iso3 <> 'unknown'

),

news as (

    select * from news_rows
    where captured_at = page_latest_captured_at

),

official as (

    select * from flows
    where source_kind = 'official_statistics' and is_latest

),

same_period as (

    select
        news.observation_id as news_observation_id,
        'same_period' as official_basis,
        official.value_usd as official_value_usd,
        1 as official_figures,
        [official.observation_id] as official_observation_ids,
        [official.source_url] as official_source_urls,
        official.captured_at as official_captured_at
    from news
    inner join official
        on
            news.reporter_iso3 = official.reporter_iso3
            and news.partner_iso3 = official.partner_iso3
            and news.flow = official.flow
            and news.period_start = official.period_start
            and news.period_end = official.period_end

),

months_covered as (

    select
        news.observation_id as news_observation_id,
        (year(news.period_end) * 12 + month(news.period_end))
        - (year(news.period_start) * 12 + month(news.period_start)) + 1 as months_in_period,
        official.period_start as month_start,
        official.value_usd,
        official.observation_id,
        official.source_url,
        official.captured_at
    from news
    inner join official
        on
            news.reporter_iso3 = official.reporter_iso3
            and news.partner_iso3 = official.partner_iso3
            and news.flow = official.flow
            and news.period_start <= official.period_start
            and news.period_end >= official.period_end
    where
        news.period_type <> 'month'
        and official.period_type = 'month'
        -- only periods made of whole months can be summed from months
        and news.period_start = date_trunc('month', news.period_start)
        and news.period_end = last_day(news.period_end)

),

sum_of_months as (

    select
        news_observation_id,
        'sum_of_months' as official_basis,
        sum(value_usd) as official_value_usd,
        count(*) as official_figures,
        list(observation_id order by month_start) as official_observation_ids,
        list(distinct source_url order by source_url) as official_source_urls,
        max(captured_at) as official_captured_at
    from months_covered
    group by news_observation_id, months_in_period
    having count(distinct month_start) = months_in_period and count(*) = months_in_period

),

candidates as (

    select * from same_period
    union all
    select * from sum_of_months

),

matched as (

    select * from candidates
    qualify row_number() over (
        partition by news_observation_id
        order by case official_basis when 'same_period' then 0 else 1 end
    ) = 1

),

final as (

    select
        {{ hash_key(['news.observation_id']) }} as comparison_id,
        news.reporter_iso3,
        news.partner_iso3,
        news.flow,
        news.period_start,
        news.period_end,
        news.period_type,
        news.value_usd as news_value_usd,
        news.qualifier as news_qualifier,
        news.observation_id as news_observation_id,
        news.source_url as news_source_url,
        news.published_at as news_published_at,
        news.captured_at as news_captured_at,
        news.evidence as news_evidence,
        news.evidence_kind as news_evidence_kind,
        matched.official_value_usd,
        matched.official_basis,
        matched.official_figures,
        matched.official_observation_ids,
        matched.official_source_urls,
        matched.official_captured_at,
        news.value_usd - matched.official_value_usd as gap_usd,
        case
            when matched.official_value_usd > 0
                then (news.value_usd - matched.official_value_usd) / matched.official_value_usd * 100
        end as gap_pct
    from news
    inner join matched
        on news.observation_id = matched.news_observation_id

)

select * from final
