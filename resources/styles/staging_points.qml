<!DOCTYPE qgis>
<!-- Dry staging points: where crews stop for the targets the hazard cuts off. -->
<qgis version="3.22" styleCategories="Symbology|Labeling">
  <renderer-v2 type="singleSymbol">
    <symbols>
      <symbol type="marker" name="0"><layer class="SimpleMarker"><prop k="name" v="triangle"/><prop k="color" v="44,123,182,255"/><prop k="outline_color" v="255,255,255,255"/><prop k="outline_width" v="0.3"/><prop k="size" v="3.2"/></layer></symbol>
    </symbols>
  </renderer-v2>
</qgis>
