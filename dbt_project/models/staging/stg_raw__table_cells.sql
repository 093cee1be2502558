with

source as (

    select * from {{ source('raw', 'table_cells') }}

),

renamed as (

    select
        cast(capture_id as varchar) as capture_id,
        cast(source_url as varchar) as source_url,
        cast(table_index as integer) as table_index,
        cast(row_index as integer) as row_index,
        cast(col_index as integer) as col_index,
        cast(is_header as boolean) as is_header,
        cast(text as varchar) as cell_text,
        {{ blank_as_null('cast(caption as varchar)') }} as caption
    from source

),

checked as (

    select
        *,
        {{ rejected_reason(
            ranges={'table_index': [0, none], 'row_index': [0, none], 'col_index': [0, none]},
        ) }} as rejected_reason
    from renamed

)

select * from checked
