<!DOCTYPE qgis>
<!-- Road pieces the hazard blocks. -->
<qgis version="3.22" styleCategories="Symbology|Labeling">
  <renderer-v2 type="singleSymbol">
    <symbols>
      <symbol type="line" name="0"><layer class="SimpleLine"><prop k="line_color" v="215,25,28,255"/><prop k="line_width" v="1.2"/><prop k="capstyle" v="round"/></layer></symbol>
    </symbols>
  </renderer-v2>
</qgis>
