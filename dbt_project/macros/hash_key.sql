{#-
    A deterministic md5 key over columns: nulls become a marker, so (a, null) and (null, a) differ.
    Written here because dbt_utils (generate_surrogate_key) cannot be installed offline.
-#}
{% macro hash_key(columns) -%}
    md5(concat_ws('|'
    {%- for column in columns %}, coalesce(cast({{ column }} as varchar), '<null>')
    {%- endfor %}))
{%- endmacro %}
