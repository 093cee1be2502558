-- Official trade flow totals from UN Comtrade, every vintage, in the shape of stg_raw__trade_observations
-- (plus source_kind). A flow total is the all-commodity record (cmdCode TOTAL) over all customs procedures
-- (customsCode C00), all modes of transport (motCode 0) and no second partner, for exports (X) and imports
-- (M); re-exports, re-imports and every breakdown stay in stg_comtrade__records only. Reporter and partner
-- codes become ISO3 through the catalog's iso_numeric (areas outside the catalog, and the World, drop out).
-- Each capture that holds both flows of a period also gets total = export + import, evidence_kind 'derived'.
with

records as (

    select * from {{ ref('stg_comtrade__records') }}

),

countries as (

    select * from {{ ref('stg_raw__countries') }}

),

flow_totals as (

    select
        records.*,
        case records.flow_code when 'X' then 'export' when 'M' then 'import' end as flow,
        case records.freq_code
            when 'A' then make_date(records.ref_year, 1, 1)
            when 'M' then make_date(records.ref_year, records.ref_month, 1)
        end as period_start,
        case records.freq_code when 'A' then 'year' when 'M' then 'month' end as period_type
    from records
    where
        records.cmd_code = 'TOTAL'
        and records.customs_code = 'C00'
        and records.mot_code = 0
        and coalesce(records.partner2_code, 0) = 0
        and records.flow_code in ('X', 'M')
        and records.primary_value_usd >= 0
        and (
            (records.freq_code = 'A' and records.ref_year is not null)
            or (records.freq_code = 'M' and records.ref_month between 1 and 12)
        )

),

observed as (

    select
        flow_totals.capture_id,
        flow_totals.source_url,
        reporters.iso3 as reporter_iso3,
        partners.iso3 as partner_iso3,
        flow_totals.flow,
        flow_totals.period_start,
        case flow_totals.period_type
            when 'year' then make_date(year(flow_totals.period_start), 12, 31)
            else last_day(flow_totals.period_start)
        end as period_end,
        flow_totals.period_type,
        flow_totals.primary_value_usd as value_usd,
        '=' as qualifier,
        printf(
            'UN Comtrade record %d: reporterCode %d, partnerCode %d, flowCode %s, period %s, cmdCode TOTAL, '
            || 'customsCode C00, motCode 0, primaryValue %.2f',
            flow_totals.record_index,
            flow_totals.reporter_code,
            flow_totals.partner_code,
            flow_totals.flow_code,
            flow_totals.period,
            flow_totals.primary_value_usd
        ) as evidence,
        'statistics_record' as evidence_kind,
        cast(null as integer) as table_index,
        flow_totals.record_index as row_index,
        cast(null as integer) as col_index
    from flow_totals
    inner join countries as reporters
        on flow_totals.reporter_code = reporters.iso_numeric
    inner join countries as partners
        on flow_totals.partner_code = partners.iso_numeric

),

paired as (

    -- exactly one export and one import of the same capture and period: anything else is not summed
    select
        capture_id,
        source_url,
        reporter_iso3,
        partner_iso3,
        period_start,
        period_end,
        period_type,
        max(case when flow = 'export' then value_usd end) as export_usd,
        max(case when flow = 'import' then value_usd end) as import_usd,
        max(case when flow = 'export' then row_index end) as export_record,
        max(case when flow = 'import' then row_index end) as import_record
    from observed
    group by capture_id, source_url, reporter_iso3, partner_iso3, period_start, period_end, period_type
    having
        count(case when flow = 'export' then 1 end) = 1
        and count(case when flow = 'import' then 1 end) = 1

),

derived as (

    select
        capture_id,
        source_url,
        reporter_iso3,
        partner_iso3,
        'total' as flow,
        period_start,
        period_end,
        period_type,
        export_usd + import_usd as value_usd,
        '=' as qualifier,
        printf(
            'derived as export + import: %.2f (UN Comtrade record %d) + %.2f (record %d)',
            export_usd,
            export_record,
            import_usd,
            import_record
        ) as evidence,
        'derived' as evidence_kind,
        cast(null as integer) as table_index,
        cast(null as integer) as row_index,
        cast(null as integer) as col_index
    from paired

),

final as (

    select
        *,
        'official_statistics' as source_kind
    from observed
    union all
    select
        *,
        'official_statistics' as source_kind
    from derived

)

select * from final
