-- Other numeric facts (enterprises, flights, freight, investment, ...) from the latest capture of each URL.
with

indicators as (

    select * from {{ ref('int_indicators') }}

),

final as (

    select
        indicator_observation_id,
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
    from indicators

)

select * from final
