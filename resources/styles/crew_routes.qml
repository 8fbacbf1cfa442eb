<!DOCTYPE qgis>
<!-- Crew routes under the hazard. -->
<qgis version="3.22" styleCategories="Symbology|Labeling">
  <renderer-v2 type="singleSymbol">
    <symbols>
      <symbol type="line" name="0"><layer class="SimpleLine"><prop k="line_color" v="44,123,182,255"/><prop k="line_width" v="0.8"/><prop k="capstyle" v="round"/></layer></symbol>
    </symbols>
  </renderer-v2>
</qgis>
