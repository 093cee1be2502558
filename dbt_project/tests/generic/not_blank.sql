{#- Text is either null or has visible characters: parsers emit null, never '' or whitespace. -#}
{% test not_blank(model, column_name) %}
    select {{ column_name }}
    from {{ model }}
    where {{ column_name }} is not null
        and trim({{ column_name }}) = ''
{% endtest %}
