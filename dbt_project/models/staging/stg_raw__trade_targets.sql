with

source as (

    select * from {{ source('raw', 'trade_targets') }}

),

renamed as (

    select
        cast(capture_id as varchar) as capture_id,
        cast(source_url as varchar) as source_url,
        cast(value_usd as double) as value_usd,
        {{ blank_as_null('cast(qualifier as varchar)') }} as qualifier,
        {{ blank_as_null('cast(horizon_text as varchar)') }} as horizon_text,
        cast(horizon_end as date) as horizon_end,
        {{ blank_as_null('cast(announced_by as varchar)') }} as announced_by,
        cast(announced_on as date) as announced_on,
        {{ blank_as_null('cast(evidence as varchar)') }} as evidence
    from source

),

checked as (

    select
        *,
        {{ rejected_reason(
            required=['value_usd'],
            ranges={'value_usd': [0, none], 'horizon_end': date_range(), 'announced_on': date_range()},
            accepted={'qualifier': ['=', '>', '<', '~']},
        ) }} as rejected_reason
    from renamed

)

select * from checked
