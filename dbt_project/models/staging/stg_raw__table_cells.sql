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
        cast(caption as varchar) as caption
    from source

)

select * from renamed
