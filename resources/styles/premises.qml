<!DOCTYPE qgis>
<!-- Premises (addresses): small grey points. -->
<qgis version="3.22" styleCategories="Symbology|Labeling">
  <renderer-v2 type="singleSymbol">
    <symbols>
      <symbol type="marker" name="0"><layer class="SimpleMarker"><prop k="name" v="circle"/><prop k="color" v="99,99,99,255"/><prop k="outline_color" v="255,255,255,255"/><prop k="outline_width" v="0.2"/><prop k="size" v="0.8"/></layer></symbol>
    </symbols>
  </renderer-v2>
</qgis>
