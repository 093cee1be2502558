with

source as (

    select * from {{ source('raw', 'trade_observations') }}

),

renamed as (

    select
        cast(capture_id as varchar) as capture_id,
        cast(source_url as varchar) as source_url,
        cast(reporter_iso3 as varchar) as reporter_iso3,
        cast(partner_iso3 as varchar) as partner_iso3,
        cast(flow as varchar) as flow,
        cast(period_start as date) as period_start,
        cast(period_end as date) as period_end,
        cast(period_type as varchar) as period_type,
        cast(value_usd as double) as value_usd,
        cast(qualifier as varchar) as qualifier,
        {{ blank_as_null('cast(evidence as varchar)') }} as evidence,
        cast(evidence_kind as varchar) as evidence_kind,
        cast(table_index as integer) as table_index,
        cast(row_index as integer) as row_index,
        cast(col_index as integer) as col_index
    from source

),

checked as (

    select
        *,
        {{ rejected_reason(
            required=[
                'reporter_iso3', 'partner_iso3', 'flow', 'period_start', 'period_end', 'period_type', 'value_usd',
                'qualifier', 'evidence', 'evidence_kind'
            ],
            ranges={'period_start': date_range(), 'period_end': date_range(), 'value_usd': [0, none]},
            accepted={
                'flow': ['export', 'import', 'total'],
                'period_type': ['year', 'ytd', 'quarter', 'half', 'month'],
                'qualifier': ['=', '>', '<', '~'],
                'evidence_kind': ['table_cell', 'sentence'],
            },
            ordered=[['period_start', 'period_end']],
        ) }} as rejected_reason
    from renamed

)

select * from checked
