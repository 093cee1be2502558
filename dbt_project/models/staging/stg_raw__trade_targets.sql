with

source as (

    select * from {{ source('raw', 'trade_targets') }}

),

renamed as (

    select
        cast(capture_id as varchar) as capture_id,
        cast(source_url as varchar) as source_url,
        cast(value_usd as double) as value_usd,
        cast(qualifier as varchar) as qualifier,
        cast(horizon_text as varchar) as horizon_text,
        cast(horizon_end as date) as horizon_end,
        cast(announced_by as varchar) as announced_by,
        cast(announced_on as date) as announced_on,
        cast(evidence as varchar) as evidence
    from source

)

select * from renamed
