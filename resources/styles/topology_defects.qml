<!DOCTYPE qgis>
<!-- Topology defects: one red cross per problem (tp_defect says which). -->
<qgis version="3.22" styleCategories="Symbology|Labeling">
  <renderer-v2 type="singleSymbol">
    <symbols>
      <symbol type="marker" name="0"><layer class="SimpleMarker"><prop k="name" v="cross2"/><prop k="color" v="215,25,28,255"/><prop k="outline_color" v="215,25,28,255"/><prop k="outline_width" v="0.2"/><prop k="size" v="3.0"/></layer></symbol>
    </symbols>
  </renderer-v2>
</qgis>
