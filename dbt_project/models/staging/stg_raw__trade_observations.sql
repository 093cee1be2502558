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
        cast(evidence as varchar) as evidence,
        cast(evidence_kind as varchar) as evidence_kind,
        cast(table_index as integer) as table_index,
        cast(row_index as integer) as row_index,
        cast(col_index as integer) as col_index
    from source

)

select * from renamed
