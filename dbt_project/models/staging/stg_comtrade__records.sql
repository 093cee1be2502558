with

source as (

    select * from {{ source('comtrade', 'comtrade_records') }}

),

renamed as (

    select
        cast(capture_id as varchar) as capture_id,
        cast(source_url as varchar) as source_url,
        cast(record_index as integer) as record_index,
        cast(type_code as varchar) as type_code,
        cast(freq_code as varchar) as freq_code,
        cast(period as varchar) as period,
        cast(ref_year as integer) as ref_year,
        cast(ref_month as integer) as ref_month,
        cast(reporter_code as integer) as reporter_code,
        cast(reporter_iso as varchar) as reporter_iso,
        cast(reporter_desc as varchar) as reporter_desc,
        cast(flow_code as varchar) as flow_code,
        cast(flow_desc as varchar) as flow_desc,
        cast(partner_code as integer) as partner_code,
        cast(partner_iso as varchar) as partner_iso,
        cast(partner_desc as varchar) as partner_desc,
        cast(partner2_code as integer) as partner2_code,
        cast(classification_code as varchar) as classification_code,
        cast(cmd_code as varchar) as cmd_code,
        cast(cmd_desc as varchar) as cmd_desc,
        cast(aggr_level as integer) as aggr_level,
        cast(customs_code as varchar) as customs_code,
        cast(mos_code as varchar) as mos_code,
        cast(mot_code as integer) as mot_code,
        cast(primary_value as double) as primary_value_usd,
        cast(cif_value as double) as cif_value_usd,
        cast(fob_value as double) as fob_value_usd,
        cast(net_wgt as double) as net_weight_kg,
        cast(is_reported as boolean) as is_reported,
        cast(is_aggregate as boolean) as is_aggregate,
        cast(record_json as varchar) as record_json
    from source

)

select * from renamed
